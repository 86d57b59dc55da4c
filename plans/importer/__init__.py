"""Reading a plan's own document (DOCX, PDF, text, HTML) into a structured draft.

``reading`` turns a file into text (OCR for scanned pages), ``extraction`` turns text into
the fields of a plan by rules that can be read and tested, ``drafts`` makes a draft plan
of them for the admin.
"""
