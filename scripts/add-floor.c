/*
 * The floor of `evidence add`, measured rather than estimated (scripts/bench.sh builds and times it beside `cp -r`
 * and `evidence add`; Docs/performance.md, "Limits").
 *
 * It does only what any tool must do to keep a copy of each file under the copy's SHA-256, on both cores: read the
 * original into memory once, hash that read (OpenSSL, as `evidence` does), write it to a temporary name, and rename
 * that to its hash once the hash is known, so no half-written copy ever has a final name. Nothing else: no index, no
 * inspection, no flush to disk, no error reporting beyond failing. What `evidence add` takes above this is its own
 * per-file work; what this takes above `cp -r` is the price of reading the bytes into memory and hashing them, which
 * `cp` (copying inside the kernel, hashing nothing) does not pay.
 *
 *   add-floor SOURCE_FOLDER TARGET_FOLDER     (a flat folder of regular files; TARGET_FOLDER must not exist)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { buffer_size = 1 << 20, workers = 2 };

static char **names;
static size_t name_count;
static const char *source, *target;
static atomic_size_t next_name;

static void fail(const char *what, const char *path) {
    fprintf(stderr, "add-floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void *work(void *unused) {
    (void)unused;
    unsigned char *buffer = malloc(buffer_size);
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (!buffer || !context) fail("out of memory", "");
    char path[4096], temporary[4096], final[4096];
    for (size_t index; (index = atomic_fetch_add(&next_name, 1)) < name_count;) {
        snprintf(path, sizeof path, "%s/%s", source, names[index]);
        snprintf(temporary, sizeof temporary, "%s/%zu.part", target, index);
        int input = open(path, O_RDONLY | O_CLOEXEC);
        if (input < 0) fail("open", path);
        int output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
        if (output < 0) fail("create", temporary);
        EVP_DigestInit_ex(context, EVP_sha256(), NULL);
        for (;;) {
            ssize_t count = read(input, buffer, buffer_size);
            if (count < 0) fail("read", path);
            if (count == 0) break;
            EVP_DigestUpdate(context, buffer, (size_t)count);
            for (ssize_t written = 0; written < count;) {
                ssize_t step = write(output, buffer + written, (size_t)(count - written));
                if (step < 0) fail("write", temporary);
                written += step;
            }
        }
        unsigned char digest[32];
        unsigned int length = 0;
        EVP_DigestFinal_ex(context, digest, &length);
        close(input);
        close(output);
        int at = snprintf(final, sizeof final, "%s/", target);
        for (unsigned int i = 0; i < length; i++) at += snprintf(final + at, sizeof final - (size_t)at, "%02x", digest[i]);
        if (rename(temporary, final) != 0) fail("rename", temporary);
    }
    EVP_MD_CTX_free(context);
    free(buffer);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: add-floor SOURCE_FOLDER TARGET_FOLDER\n");
        return 2;
    }
    source = argv[1];
    target = argv[2];
    if (mkdir(target, 0755) != 0) fail("mkdir", target);
    DIR *folder = opendir(source);
    if (!folder) fail("opendir", source);
    size_t capacity = 1024;
    names = malloc(capacity * sizeof *names);
    for (struct dirent *entry; (entry = readdir(folder));) {
        if (entry->d_name[0] == '.') continue;
        if (name_count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
        names[name_count++] = strdup(entry->d_name);
    }
    closedir(folder);
    pthread_t threads[workers];
    for (int i = 0; i < workers; i++) pthread_create(&threads[i], NULL, work, NULL);
    for (int i = 0; i < workers; i++) pthread_join(threads[i], NULL);
    return 0;
}
