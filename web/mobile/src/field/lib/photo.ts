// Photos are made smaller on the phone before they are kept or sent: longest side at most
// 1600 px, JPEG at 80 % — a 4 MB camera photo becomes ~300 kB, which matters on a slow network.
const MAX_SIDE = 1600;
const MAX_BYTES = 5 * 1024 * 1024;
const OK_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export class PhotoError extends Error {
  constructor(readonly reason: 'bad' | 'tooBig') {
    super(reason);
  }
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  if (!file.type.startsWith('image/')) throw new PhotoError('bad');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // A format the browser cannot draw: send it as it is if the server takes it.
    if (OK_TYPES.includes(file.type) && file.size <= MAX_BYTES) return file;
    throw new PhotoError('bad');
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && OK_TYPES.includes(file.type) && file.size <= 400 * 1024) {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) {
    bitmap.close();
    if (OK_TYPES.includes(file.type) && file.size <= MAX_BYTES) return file;
    throw new PhotoError('bad');
  }
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const out = await toBlob(canvas, 'image/jpeg', 0.8);
  if (!out) throw new PhotoError('bad');
  if (out.size > MAX_BYTES) throw new PhotoError('tooBig');
  return out;
}
