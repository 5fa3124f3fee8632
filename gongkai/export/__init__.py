"""Writers: terminal report, JSON, CSV, Markdown, and the dataset files."""
