/*
 * libFuzzer target: arbitrary bytes as a policy file, then the policy lint
 * on what loaded.  libconfuse and the include logic read files, so the
 * input goes to a file in a private temporary directory (includes and
 * templates named relative to it resolve there, mostly to nothing).
 * The folder is made in /dev/shm where there is one: writing the input to
 * a disk-backed /tmp was most of a run's time.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static char dir[64], path[96];

/* Each fuzzing process would otherwise leave its folder in /dev/shm. */
static void
remove_dir(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_policy *pol;
	int fd;

	if (path[0] == '\0') {
		snprintf(dir, sizeof(dir), "%s/hp-fuzz-policy.XXXXXX",
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			return 0;
		atexit(remove_dir);
		snprintf(path, sizeof(path), "%s/fuzz.conf", dir);
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return 0;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return 0;
	}
	close(fd);
	if (hp_policy_load(path, &pol, &e) == 0) {
		(void)hp_policy_lint(pol, &out);
		hp_policy_free(pol);
	}
	hp_buf_release(&out);
	return 0;
}
