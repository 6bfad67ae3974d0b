build-clang/src/formats/regfile.o: src/formats/regfile.c src/core/buf.h \
  src/core/error.h src/core/file.h src/core/limits.h \
  src/formats/regfile.h src/core/patch.h src/core/path.h \
  src/core/value.h src/core/view.h src/core/text.h src/formats/utf16.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/core/limits.h:

src/formats/regfile.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:

src/core/text.h:

src/formats/utf16.h:
