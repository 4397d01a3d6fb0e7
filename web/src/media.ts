import { api } from './api';

/** What POST /api/media answers: the display size and the thumbnail, named by content hash. */
export interface MediaUpload {
  id: number;
  purpose: 'product' | 'show_cover' | 'avatar' | 'report' | 'return';
  url: string;
  width: number;
  height: number;
  thumbnailUrl: string;
}

export type MediaPurpose = MediaUpload['purpose'];

/** Uploads one photo; the server checks the bytes, so any file the user picks may be refused. */
export function uploadPhoto(file: File, purpose: MediaPurpose): Promise<MediaUpload> {
  return api.upload<MediaUpload>('/api/media', file, { purpose });
}

export const PHOTO_TYPES = 'image/jpeg,image/png,image/gif';
