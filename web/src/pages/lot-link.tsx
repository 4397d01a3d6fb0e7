import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { navigate } from '../router';
import { ErrorNote, Loading, Page, useAsync } from '../ui';

/** A shared lot link (/lots/42, previewed by the server) opens the show the lot is sold in. */
export function LotLink({ id }: { id: number }) {
  const lot = useAsync((signal) => api.get<{ showId: number }>(`/api/lots/${id}`, { signal }), [id]);
  useEffect(() => {
    if (lot.data) navigate(`/shows/${lot.data.showId}`, { replace: true });
  }, [lot.data]);
  return (
    <Page title="Lot">
      {lot.error !== undefined ? <ErrorNote error={lot.error} retry={lot.reload} /> : <Loading label="Opening the show…" />}
    </Page>
  );
}
