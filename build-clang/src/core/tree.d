build-clang/src/core/tree.o: src/core/tree.c src/core/buf.h \
  src/core/error.h src/core/text.h src/core/tree.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/view.h

src/core/buf.h:

src/core/error.h:

src/core/text.h:

src/core/tree.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:
