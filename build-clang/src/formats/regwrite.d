build-clang/src/formats/regwrite.o: src/formats/regwrite.c src/core/buf.h \
  src/core/error.h src/formats/regfile.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/view.h src/core/text.h \
  src/formats/utf16.h

src/core/buf.h:

src/core/error.h:

src/formats/regfile.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:

src/core/text.h:

src/formats/utf16.h:
