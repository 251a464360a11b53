// The verification page's print button (a module: our CSP allows no inline script).
export function print() {
    window.print();
}
