#ifndef CEVIDENCECRC32_H
#define CEVIDENCECRC32_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU can run `evidence_crc32_fold` (PCLMULQDQ and SSE4.1), asked of CPUID once per call.
/// Always 0 on other architectures.
int evidence_crc32_fold_is_available(void);

/// Continues a zip/gzip CRC-32 (polynomial 0xEDB88320, reflected) over `count` bytes at `bytes`, by folding
/// 4 × 128 bits at a time with carry-less multiplication (Intel, "Fast CRC Computation for Generic Polynomials
/// Using PCLMULQDQ Instruction", 2009).
///
/// `crc` and the result are the register itself, without zlib's inversion before and after: pass `~value` and
/// invert what comes back. `count` must be at least 64 and a multiple of 16; exactly `count` bytes are read.
/// Only call it when `evidence_crc32_fold_is_available()` returned 1.
uint32_t evidence_crc32_fold(uint32_t crc, const uint8_t *bytes, size_t count);

#endif
