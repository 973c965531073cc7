#ifndef EVIDENCEKIT_CJPEG_SHIM_H
#define EVIDENCEKIT_CJPEG_SHIM_H

/* libjpeg-turbo's TurboJPEG API reads the header: its errors come back as return codes. */
#include <turbojpeg.h>

/* libjpeg's own API streams the scanlines. It reports a fatal error by longjmp, which must never cross a Swift
 * frame: every call into it below sets its jump point in the same C function and returns 0 instead. The error
 * handling is TurboJPEG's (tjDecompress2), so warnings and messages are the ones it gave: the text of the first
 * warning, or of the fatal error that came after it. */
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_decompress_struct info; /* first, so libjpeg's j_common_ptr is a pointer to the reader */
    struct jpeg_error_mgr errors;
    void (*standard_emit_message)(j_common_ptr, int);
    jmp_buf jump;
    int warned;
    char message[JMSG_LENGTH_MAX];
} evidencekit_jpeg_reader;

static inline void evidencekit_jpeg_output_message(j_common_ptr common) {
    evidencekit_jpeg_reader *reader = (evidencekit_jpeg_reader *)common;
    common->err->format_message(common, reader->message);
}

static inline void evidencekit_jpeg_emit_message(j_common_ptr common, int level) {
    evidencekit_jpeg_reader *reader = (evidencekit_jpeg_reader *)common;
    reader->standard_emit_message(common, level); /* prints (into message) only the first warning */
    if (level < 0) reader->warned = 1;
}

static inline void evidencekit_jpeg_error_exit(j_common_ptr common) {
    evidencekit_jpeg_reader *reader = (evidencekit_jpeg_reader *)common;
    common->err->output_message(common);
    longjmp(reader->jump, 1);
}

/* A reader, or NULL when there is no memory for one. Free it with evidencekit_jpeg_reader_free. */
static inline evidencekit_jpeg_reader *evidencekit_jpeg_reader_new(void) {
    evidencekit_jpeg_reader *reader = (evidencekit_jpeg_reader *)calloc(1, sizeof(evidencekit_jpeg_reader));
    if (reader == NULL) return NULL;
    reader->info.err = jpeg_std_error(&reader->errors);
    reader->standard_emit_message = reader->errors.emit_message;
    reader->errors.error_exit = evidencekit_jpeg_error_exit;
    reader->errors.output_message = evidencekit_jpeg_output_message;
    reader->errors.emit_message = evidencekit_jpeg_emit_message;
    if (setjmp(reader->jump)) {
        free(reader);
        return NULL;
    }
    jpeg_create_decompress(&reader->info);
    return reader;
}

static inline void evidencekit_jpeg_reader_free(evidencekit_jpeg_reader *reader) {
    jpeg_destroy_decompress(&reader->info);
    free(reader);
}

/* Reads the header from `size` bytes that stay valid until the reader is freed, then starts decompressing into
 * `space` at a scale of num/denom. 1 when started, 0 on a fatal error. */
static inline int evidencekit_jpeg_start(evidencekit_jpeg_reader *reader, const unsigned char *bytes,
                                         unsigned long size, J_COLOR_SPACE space, unsigned int num,
                                         unsigned int denom) {
    if (setjmp(reader->jump)) return 0;
    jpeg_mem_src(&reader->info, bytes, size);
    jpeg_read_header(&reader->info, TRUE);
    reader->info.out_color_space = space;
    reader->info.scale_num = num;
    reader->info.scale_denom = denom;
    jpeg_start_decompress(&reader->info);
    return 1;
}

/* Decodes the next scanline into `row` (output_width × output_components bytes). 1 when read, 0 on a fatal error. */
static inline int evidencekit_jpeg_read_row(evidencekit_jpeg_reader *reader, unsigned char *row) {
    if (setjmp(reader->jump)) return 0;
    JSAMPROW rows[1] = {row};
    jpeg_read_scanlines(&reader->info, rows, 1);
    return 1;
}

/* Reads the rest of the file, as far as its end marker. 1 when done, 0 on a fatal error. */
static inline int evidencekit_jpeg_finish(evidencekit_jpeg_reader *reader) {
    if (setjmp(reader->jump)) return 0;
    jpeg_finish_decompress(&reader->info);
    return 1;
}

#endif
