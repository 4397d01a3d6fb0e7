package io.showfloor.media.images;

/**
 * What an upload may be: at most {@code maxBytes}, each side at most {@code maxSide} pixels and at
 * most {@code maxPixels} in all; the stored display size fits in {@code displaySide} and the
 * thumbnail in {@code thumbnailSide}.
 */
public record ImageLimits(
    long maxBytes, int maxSide, long maxPixels, int displaySide, int thumbnailSide) {}
