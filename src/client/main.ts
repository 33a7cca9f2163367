/** The sidebar's entry point. The server picks the view (sidebar or a dialog) through the template. */
const root = document.getElementById('app');
if (root) root.textContent = `Relationship Calls (${document.body.dataset.view ?? 'log'})`;
