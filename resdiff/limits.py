"""One budget per input: every limit that keeps resdiff's time and memory bounded.

A reader that reaches a limit stops at once, before memory grows, with a
one-line error naming the limit. A comparing stage (the aligner, the redline)
that meets a paragraph too long for its exact method switches to a coarser
method that is linear in the text, and the report says so.

The figures in the comments were measured on a 2-core machine; the README
("Limits") lists the limits for users.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- every input

# A file is read whole; UN resolutions are a few hundred kilobytes.
MAX_INPUT_BYTES = 200 * 1024 * 1024
# 8 Mi characters is about 14,000 paragraphs of real length, which parse and compare in
# about 8 s and 300 MiB (16 Mi, about 40,000 paragraphs, took 25 s and 660 MiB); the
# longest real resolutions are a few hundred kilobytes. Text beyond the limit is refused
# before it is parsed.
MAX_TEXT_CHARS = 8 * 1024 * 1024

# --------------------------------------------------------------------------- PDF

# pdfminer.six parses every operator and operand of the page contents and builds an
# object per glyph and per drawing. The 62 corpus PDFs have at most 19 pages, 71,000
# characters and 90,000 content tokens in all, and 4,300 characters and drawings on
# one page.
MAX_PDF_PAGES = 500
MAX_PDF_CHARS = 200_000
MAX_PDF_CONTENT_TOKENS = 300_000  # operators and operands, form XObjects included
MAX_PDF_PAGE_OBJECTS = 10_000  # characters, paths and images on one page
# Decompressed stream data (page contents, fonts, object streams), all streams together:
# a few kilobytes of deflated zeros inflate to megabytes.
MAX_PDF_DECODED_BYTES = 64 * 1024 * 1024

# --------------------------------------------------------------------------- DOCX

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # the whole package, declared or actually read
MAX_DOCX_RATIO = 200  # compression ratio above which a large member is refused
DOCX_RATIO_MIN_SIZE = 10 * 1024 * 1024  # members smaller than this may compress any amount
MAX_DOCX_XML_PART = 64 * 1024 * 1024  # an lxml tree takes several times its text in memory
MAX_DOCX_ENTRIES = 10_000  # a Word document has tens of parts, not millions
# Elements in one XML part (counted as '<' bytes before parsing): lxml takes about
# 100-200 bytes per element; a 40-page resolution has about 60,000.
MAX_DOCX_ELEMENTS = 1_000_000
# List definitions (w:abstractNum, w:num, w:lvl and w:lvlOverride elements): a Word
# document has tens to a few hundred. Word itself uses list levels 0 to 8 only.
MAX_DOCX_NUMBERING_ELEMENTS = 20_000
DOCX_LIST_LEVELS = 9

# --------------------------------------------------------------------------- comparing

# The word redline is difflib's SequenceMatcher while the product of the two sides'
# token counts stays under this (a paragraph of about 2,000 words against its revision:
# 0.05 s for real text, 0.5 s for the worst repetitive text); longer pairs are diffed by
# anchoring on words unique to both sides, and difflib runs only on the stretches
# between anchors that fit under the same product.
REDLINE_EXACT_PAIRS = 4_000_000
# All exact (difflib) redlines of one comparison together: past this product sum
# (at worst about 1.5 s), every further pair takes the anchored method. Comparisons of
# the fixtures' real resolutions spend at most 330,000.
REDLINE_EXACT_PAIRS_PER_DOCUMENT = 10_000_000
# A stretch between anchors with no word unique to both sides is diffed with Myers'
# O(ND) method (at most 1,000 edits) while N x D, summed over the comparison, stays
# under this; past it, the stretch is shown replaced whole.
REDLINE_MYERS_STEPS = 10_000_000
# Above this many characters on either side, the redline compares clauses (cut at ; , .
# and :) instead of words, so that memory stays a small multiple of the text.
REDLINE_WORD_CHARS = 1_000_000

# The aligner scores a pair of paragraphs with rapidfuzz's ratio, whose time is the
# product of their lengths (two different 1 MB paragraphs: 25 s; 50,000 characters
# each: 0.05 s) and whose memory grows with the longer one (a 5 MB paragraph: 160 MiB
# of tables). A pair is scored only while both are at most ALIGN_RATIO_CHARS long and
# the products summed over the comparison stay under ALIGN_RATIO_WORK (about 1 s);
# other pairs are scored by their weighted 3-gram containment, which is linear. Real
# comparisons stay far under both (two 40 KB resolutions: 1.6e9).
ALIGN_RATIO_CHARS = 50_000
ALIGN_RATIO_WORK = 50_000_000_000
# Above this many words, a paragraph keeps one in ALIGN_GRAM_SAMPLE of its 3-grams
# (chosen by the first word, the same choice on both sides), so that a paragraph of
# megabytes does not hold a 3-gram table of hundreds of megabytes.
ALIGN_SAMPLE_WORDS = 20_000
ALIGN_GRAM_SAMPLE = 16
