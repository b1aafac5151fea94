"""Reading articles: posts and footnotes, sentences, dates, who says what, candidate claims."""
