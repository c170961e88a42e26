// The resident's community or area for the lists (results, proposals, services): ?region= in the
// link (12-digit code, e.g. from the community's QR code or an embedding app) is used and
// remembered; without it, the remembered one; otherwise the whole city.
const KEY = 'wangge.portal.region';
const RE = /^\d{12}$/;

export function regionParam(search: URLSearchParams): string | undefined {
  const q = search.get('region');
  try {
    if (q && RE.test(q)) {
      localStorage.setItem(KEY, q);
      return q;
    }
    if (q === '') localStorage.removeItem(KEY);
    const saved = localStorage.getItem(KEY);
    return saved && RE.test(saved) ? saved : undefined;
  } catch {
    return q && RE.test(q) ? q : undefined;
  }
}
