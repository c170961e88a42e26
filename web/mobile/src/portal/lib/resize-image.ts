// Photos are made small on the phone before they travel: decoded (EXIF orientation applied),
// drawn on a canvas no larger than 1600 px on the longest side and saved as JPEG at quality 0.8 —
// typically 200–600 kB instead of 3–8 MB, and the location and other metadata in the original
// file are dropped on the way. A file the browser cannot decode is not a photo: NotAPhotoError.
export const MAX_SIDE = 1600;
export const QUALITY = 0.8;
/** Larger originals are refused before decoding (the phone would run out of memory). */
export const MAX_ORIGINAL_BYTES = 40 * 1024 * 1024;

export class NotAPhotoError extends Error {
  constructor(readonly fileName: string) {
    super(`not a photo: ${fileName}`);
    this.name = 'NotAPhotoError';
  }
}
export class PhotoTooLargeError extends Error {
  constructor(readonly fileName: string) {
    super(`photo too large: ${fileName}`);
    this.name = 'PhotoTooLargeError';
  }
}

export interface Resized {
  blob: Blob;
  width: number;
  height: number;
  /** The original's size, for the record. */
  originalBytes: number;
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close: () => void;
}

async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const b = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: b, width: b.width, height: b.height, close: () => b.close() };
    } catch {
      /* fall back to <img>, which some browsers decode more formats with (HEIC on iOS) */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function resizeImage(file: File): Promise<Resized> {
  if (file.type && !file.type.startsWith('image/')) throw new NotAPhotoError(file.name);
  if (file.size > MAX_ORIGINAL_BYTES) throw new PhotoTooLargeError(file.name);
  let img: Decoded;
  try {
    img = await decode(file);
  } catch {
    throw new NotAPhotoError(file.name);
  }
  try {
    if (!img.width || !img.height) throw new NotAPhotoError(file.name);
    const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
    const width = Math.max(1, Math.round(img.width * scale));
    const height = Math.max(1, Math.round(img.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new NotAPhotoError(file.name);
    g.fillStyle = '#fff'; // transparent PNG areas become white, not black
    g.fillRect(0, 0, width, height);
    g.imageSmoothingQuality = 'high';
    g.drawImage(img.source, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/jpeg', QUALITY));
    if (!blob) throw new NotAPhotoError(file.name);
    return { blob, width, height, originalBytes: file.size };
  } finally {
    img.close();
  }
}
