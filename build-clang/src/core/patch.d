build-clang/src/core/patch.o: src/core/patch.c src/core/buf.h \
  src/core/patch.h src/core/path.h src/core/value.h

src/core/buf.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:
