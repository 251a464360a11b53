// Renders a PDF's pages with the vendored pdf.js and reports clicks as PDF points (origin: lower-left of the crop box).
// Used by PdfStampPlacer.razor; markers show where stamps will go.
import * as pdfjsLib from '../lib/pdfjs/pdf.min.mjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = new URL('../lib/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
const assets = new URL('../lib/pdfjs/', import.meta.url).href;

const views = new WeakMap();

export async function render(container, bytes, dotnet, width) {
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const doc = await pdfjsLib.getDocument({
        data,
        cMapUrl: assets + 'cmaps/',
        cMapPacked: true,
        standardFontDataUrl: assets + 'standard_fonts/',
        isEvalSupported: false,
    }).promise;
    container.innerHTML = '';
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: (width || 720) / base.width });
        const wrap = document.createElement('div');
        wrap.className = 'pdf-page';
        wrap.dataset.page = String(n);
        wrap.style.position = 'relative';
        wrap.style.width = viewport.width + 'px';
        wrap.style.height = viewport.height + 'px';
        wrap.style.margin = '0 auto 12px auto';
        wrap.style.boxShadow = '0 1px 4px rgba(0,0,0,.3)';
        wrap.style.cursor = 'crosshair';
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.display = 'block';
        wrap.appendChild(canvas);
        const label = document.createElement('div');
        label.textContent = String(n);
        label.style.cssText = 'position:absolute;left:4px;top:2px;font-size:12px;color:#666';
        wrap.appendChild(label);
        container.appendChild(wrap);
        await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
        const view = page.view; // [llx, lly, urx, ury] of the crop box, unrotated
        wrap.addEventListener('click', (e) => {
            if (e.target.classList.contains('pdf-stamp-marker')) {
                return;
            }
            const rect = wrap.getBoundingClientRect();
            const [px, py] = viewport.convertToPdfPoint(e.clientX - rect.left, e.clientY - rect.top);
            dotnet.invokeMethodAsync('OnPageClicked', n, px - view[0], py - view[1]);
        });
        pages.push({ page: n, wrap, viewport, view });
        pages[pages.length - 1].size = [view[2] - view[0], view[3] - view[1]];
    }
    views.set(container, pages);
    container.dataset.rendered = String(doc.numPages);
    return pages.map(p => ({ page: p.page, width: p.size[0], height: p.size[1] }));
}

// markers: [{ page, x, y, w, h }] with x, y the lower-left corner in PDF points from the crop box's lower-left.
export function setMarkers(container, markers) {
    const pages = views.get(container) || [];
    for (const p of pages) {
        p.wrap.querySelectorAll('.pdf-stamp-marker').forEach(m => m.remove());
    }
    for (const m of markers) {
        const p = pages[m.page - 1];
        if (!p) {
            continue;
        }
        const [x1, y1] = p.viewport.convertToViewportPoint(m.x + p.view[0], m.y + p.view[1]);
        const [x2, y2] = p.viewport.convertToViewportPoint(m.x + m.w + p.view[0], m.y + m.h + p.view[1]);
        const el = document.createElement('div');
        el.className = 'pdf-stamp-marker';
        el.dataset.testid = 'stamp-marker';
        el.style.cssText = 'position:absolute;border:2px dashed #d32f2f;border-radius:4px;background:rgba(211,47,47,.12);pointer-events:none';
        el.style.left = Math.min(x1, x2) + 'px';
        el.style.top = Math.min(y1, y2) + 'px';
        el.style.width = Math.abs(x2 - x1) + 'px';
        el.style.height = Math.abs(y2 - y1) + 'px';
        p.wrap.appendChild(el);
    }
}
