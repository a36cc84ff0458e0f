def docx_variants(expected): pass
