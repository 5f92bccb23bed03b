// Filled in by its issue; see DESIGN.md.
export {};
