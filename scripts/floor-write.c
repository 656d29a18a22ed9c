/* The write floor for scripts/bench: reads every file below SRC into memory, then writes the
 * same files below DST (which must not exist) with open/write/close, and nothing else: no
 * staging folder, journal or manifest. What a minimal program pays for the files alone.
 * Usage: floor-write SRC DST */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct file { char *path; char *data; size_t size; int is_dir; };
static struct file *files;
static size_t count, capacity, src_len;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)ftw;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 4096;
        files = realloc(files, capacity * sizeof *files);
    }
    struct file *f = &files[count++];
    f->path = strdup(path + src_len);
    f->is_dir = type == FTW_D;
    f->size = 0;
    f->data = NULL;
    if (type == FTW_F) {
        int fd = open(path, O_RDONLY);
        f->size = (size_t)st->st_size;
        f->data = malloc(f->size + 1);
        if (fd < 0 || read(fd, f->data, f->size) != (ssize_t)f->size) { perror(path); exit(1); }
        close(fd);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-write SRC DST\n"); return 2; }
    src_len = strlen(argv[1]);
    if (nftw(argv[1], collect, 64, FTW_PHYS) != 0) { perror(argv[1]); return 1; }
    char path[4096];
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s%s", argv[2], files[i].path);
        if (files[i].is_dir) {
            if (mkdir(path, 0755) != 0) { perror(path); return 1; }
            continue;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, files[i].data, files[i].size) != (ssize_t)files[i].size) { perror(path); return 1; }
        close(fd);
    }
    return 0;
}
