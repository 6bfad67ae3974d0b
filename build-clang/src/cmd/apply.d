build-clang/src/cmd/apply.o: src/cmd/apply.c src/core/buf.h \
  src/policy/bundle.h src/core/patch.h src/core/path.h src/core/value.h \
  src/policy/policy.h src/policy/check.h src/core/view.h src/cli/cli.h \
  src/core/error.h src/core/file.h src/formats/gpo.h src/formats/hive.h \
  src/formats/regfile.h src/core/tree.h src/policy/targets.h \
  src/formats/source.h

src/core/buf.h:

src/policy/bundle.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/policy/check.h:

src/core/view.h:

src/cli/cli.h:

src/core/error.h:

src/core/file.h:

src/formats/gpo.h:

src/formats/hive.h:

src/formats/regfile.h:

src/core/tree.h:

src/policy/targets.h:

src/formats/source.h:
