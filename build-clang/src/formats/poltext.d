build-clang/src/formats/poltext.o: src/formats/poltext.c src/core/buf.h \
  src/formats/json.h src/formats/polfile.h src/core/patch.h \
  src/core/path.h src/core/value.h src/formats/poltext.h src/core/text.h

src/core/buf.h:

src/formats/json.h:

src/formats/polfile.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/formats/poltext.h:

src/core/text.h:
