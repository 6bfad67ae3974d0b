# html-matrix.py DOM TABLE-ID: the rows of an HTML matrix (html_matrix.c)
# in a DOM dumped by Chromium, one per line, in the order shown:
#   shown|hidden <TAB> cell <TAB> cell ...
# a cell being STATE:TEXT (STATE empty for a plain cell, line breaks
# escaped); the head first,
# as "head", with each header's aria-sort after a colon.
import sys
from html.parser import HTMLParser


class Matrix(HTMLParser):
    def __init__(self, want):
        super().__init__(convert_charrefs=True)
        self.want, self.inside, self.rows = want, False, []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'table' and a.get('id') == self.want:
            self.inside = True
        elif not self.inside:
            return
        elif tag == 'tr':
            self.rows.append(['hidden' if 'hidden' in a else 'shown'])
        elif tag == 'th':
            self.rows[-1][0] = 'head'
            self.cell = [a.get('aria-sort') or '', '']
        elif tag == 'td':
            self.cell = [a.get('data-state') or '', '']

    def handle_endtag(self, tag):
        if tag == 'table':
            self.inside = False
        elif tag in ('td', 'th') and self.cell is not None:
            # Line breaks of the data (CRLF-ended rules) as \r, \n.
            text = self.cell[1].replace('\r', '\\r').replace('\n', '\\n')
            self.rows[-1].append('%s:%s' % (self.cell[0], text))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


m = Matrix(sys.argv[2])
m.feed(open(sys.argv[1], encoding='utf-8').read())
for r in m.rows:
    print('\t'.join(r))
