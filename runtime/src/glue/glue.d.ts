// --- The routes (the same for every context) -------------------------------------------------
