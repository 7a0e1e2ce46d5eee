// Render page 1 of a PDF with PDF.js (the viewer of Firefox) and count dark pixels in a box.
// usage: node ink.mjs FILE X0 Y0 X1 Y1   (PDF points); prints {"dark": N}
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const [file, ...box] = process.argv.slice(2);
const [x0, y0, x1, y1] = box.map(Number);
const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, standardFontDataUrl: new URL("./node_modules/pdfjs-dist/standard_fonts/", import.meta.url).pathname }).promise;
const page = await doc.getPage(1);
const scale = 2;
const viewport = page.getViewport({ scale });
const factory = doc.canvasFactory;
const { canvas, context } = factory.create(viewport.width, viewport.height);
await page.render({ canvasContext: context, viewport, canvas }).promise;
const W = canvas.width;
const img = context.getImageData(0, 0, W, canvas.height).data;
let dark = 0;
const height = viewport.height / scale;
for (let y = Math.ceil((height - y1) * scale) + 4; y < (height - y0) * scale - 4; y++)
  for (let x = Math.ceil(x0 * scale) + 4; x < x1 * scale - 4; x++) {
    const i = (y * W + Math.floor(x)) * 4;
    if (img[i] + img[i + 1] + img[i + 2] < 3 * 160) dark++;
  }
console.log(JSON.stringify({ dark }));
