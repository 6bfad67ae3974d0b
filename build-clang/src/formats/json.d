build-clang/src/formats/json.o: src/formats/json.c src/core/buf.h \
  src/formats/json.h src/core/text.h src/core/path.h src/core/value.h

src/core/buf.h:

src/formats/json.h:

src/core/text.h:

src/core/path.h:

src/core/value.h:
