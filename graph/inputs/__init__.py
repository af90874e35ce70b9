"""Reading inputs: files, encodings, formats (HTML, PDF, DOCX, JSON Lines)."""
