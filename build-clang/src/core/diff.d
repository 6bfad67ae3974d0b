build-clang/src/core/diff.o: src/core/diff.c src/core/diff.h \
  src/core/patch.h src/core/path.h src/core/value.h src/core/view.h \
  src/core/error.h src/core/limits.h src/core/text.h

src/core/diff.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:

src/core/error.h:

src/core/limits.h:

src/core/text.h:
