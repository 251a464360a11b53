// A handwriting pad on a <canvas>: pointer strokes in near-black ink on a transparent background.
// Used by PersonalSignaturesPage.razor; toPng returns a PNG data URL (null while nothing was drawn).
const pads = new WeakMap();

export function attach(canvas) {
    if (pads.has(canvas)) {
        return;
    }
    const ctx = canvas.getContext('2d');
    const state = { drawing: false, strokes: 0 };
    const point = e => {
        const r = canvas.getBoundingClientRect();
        return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
    };
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', e => {
        state.drawing = true;
        state.strokes++;
        canvas.setPointerCapture(e.pointerId);
        const p = point(e);
        ctx.lineWidth = 4;
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        ctx.strokeStyle = '#111111';
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        ctx.lineTo(p.x + 0.1, p.y + 0.1);
        ctx.stroke();
    });
    canvas.addEventListener('pointermove', e => {
        if (!state.drawing) {
            return;
        }
        const p = point(e);
        ctx.lineTo(p.x, p.y);
        ctx.stroke();
    });
    const end = () => { state.drawing = false; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('pointerleave', end);
    pads.set(canvas, state);
}

export function clear(canvas) {
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
    const state = pads.get(canvas);
    if (state) {
        state.strokes = 0;
    }
}

export function toPng(canvas) {
    const state = pads.get(canvas);
    return state && state.strokes > 0 ? canvas.toDataURL('image/png') : null;
}
