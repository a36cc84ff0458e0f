"""The Typst PDF engine: the document tree as JSON, laid out by templates/plan.typ with the
`typst` package in-process (`build --pdf-engine typst`, docs/typst.md)."""
