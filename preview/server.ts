// The local preview is not built yet (issue: "Local preview"). Say so and fail, never pretend.
console.error(
  'npm start will run the add-on on an embedded demo school workbook in your browser, ' +
    'but the local preview is not built yet. Use `npm test` to check the add-on meanwhile.',
);
process.exit(1);
