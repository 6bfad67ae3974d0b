build-clang/src/cmd/check.o: src/cmd/check.c src/core/buf.h \
  src/policy/check.h src/core/patch.h src/core/path.h src/core/value.h \
  src/policy/policy.h src/core/view.h src/cli/cli.h src/core/error.h \
  src/core/file.h src/policy/fleet.h src/policy/report.h \
  src/policy/targets.h src/formats/source.h src/core/tree.h

src/core/buf.h:

src/policy/check.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/core/view.h:

src/cli/cli.h:

src/core/error.h:

src/core/file.h:

src/policy/fleet.h:

src/policy/report.h:

src/policy/targets.h:

src/formats/source.h:

src/core/tree.h:
