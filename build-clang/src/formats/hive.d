build-clang/src/formats/hive.o: src/formats/hive.c src/core/buf.h \
  src/core/error.h src/core/file.h src/formats/hive.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/view.h src/core/hook.h \
  src/core/limits.h src/formats/mount.h src/formats/regf.h \
  src/core/text.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/formats/hive.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:

src/core/hook.h:

src/core/limits.h:

src/formats/mount.h:

src/formats/regf.h:

src/core/text.h:
