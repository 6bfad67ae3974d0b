build-clang/src/core/view.o: src/core/view.c src/core/error.h \
  src/core/limits.h src/core/text.h src/core/view.h src/core/patch.h \
  src/core/path.h src/core/value.h

src/core/error.h:

src/core/limits.h:

src/core/text.h:

src/core/view.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:
