// The zip CRC-32 by carry-less multiplication: four 128-bit lanes are folded 64 bytes at a time, then into one
// lane, then reduced to 64 and to 32 bits (Barrett), as in Intel's paper "Fast CRC Computation for Generic
// Polynomials Using PCLMULQDQ Instruction" (Gopal, Ozturk et al., 2009). The constants are that paper's for the
// bit-reflected polynomial 0x1DB710641 (x^32 + … + 1, the one zip, gzip and PNG use), each the remainder of a
// power of x: the same values the Linux kernel, Chromium's zlib and zlib-ng use.
#include "CEvidenceCRC32.h"

#if defined(__x86_64__) || defined(__i386__)

#include <emmintrin.h>
#include <smmintrin.h>
#include <wmmintrin.h>

int evidence_crc32_fold_is_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

// Folding a lane forward by 512 bits (four lanes): x^(512+32) mod P and x^(512-32) mod P, reflected.
static const uint64_t foldBy512[2] __attribute__((aligned(16))) = { 0x154442bd4, 0x1c6e41596 };
// Folding by 128 bits (one lane): x^(128+32) mod P and x^(128-32) mod P, reflected.
static const uint64_t foldBy128[2] __attribute__((aligned(16))) = { 0x1751997d0, 0x0ccaa009e };
// From 96 to 64 bits: x^64 mod P, reflected.
static const uint64_t foldBy64[2] __attribute__((aligned(16))) = { 0x163cd6124, 0 };
// Barrett reduction: P itself and μ = floor(x^64 / P), both reflected.
static const uint64_t barrett[2] __attribute__((aligned(16))) = { 0x1db710641, 0x1f7011641 };

/// `lane` carried forward over the distance `constants` stand for, added to `next`: the low half of the lane is
/// multiplied by the first constant, the high half by the second.
__attribute__((target("pclmul,sse4.1"), always_inline))
static inline __m128i fold(__m128i lane, __m128i constants, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(lane, constants, 0x00);
    __m128i high = _mm_clmulepi64_si128(lane, constants, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

__attribute__((target("pclmul,sse4.1")))
uint32_t evidence_crc32_fold(uint32_t crc, const uint8_t *bytes, size_t count) {
    // Every load below is of 16 bytes inside [bytes, bytes + count): count ≥ 64 and a multiple of 16.
    __m128i lane0 = _mm_loadu_si128((const __m128i *)(bytes + 0));
    __m128i lane1 = _mm_loadu_si128((const __m128i *)(bytes + 16));
    __m128i lane2 = _mm_loadu_si128((const __m128i *)(bytes + 32));
    __m128i lane3 = _mm_loadu_si128((const __m128i *)(bytes + 48));
    // The running CRC is added to the first 32 bits of the message (it is reflected, so they are the lowest).
    lane0 = _mm_xor_si128(lane0, _mm_cvtsi32_si128((int)crc));
    bytes += 64;
    count -= 64;

    const __m128i k512 = _mm_load_si128((const __m128i *)foldBy512);
    while (count >= 64) {
        lane0 = fold(lane0, k512, _mm_loadu_si128((const __m128i *)(bytes + 0)));
        lane1 = fold(lane1, k512, _mm_loadu_si128((const __m128i *)(bytes + 16)));
        lane2 = fold(lane2, k512, _mm_loadu_si128((const __m128i *)(bytes + 32)));
        lane3 = fold(lane3, k512, _mm_loadu_si128((const __m128i *)(bytes + 48)));
        bytes += 64;
        count -= 64;
    }

    // Four lanes into one, then the remaining 16-byte blocks into it.
    const __m128i k128 = _mm_load_si128((const __m128i *)foldBy128);
    __m128i lane = fold(lane0, k128, lane1);
    lane = fold(lane, k128, lane2);
    lane = fold(lane, k128, lane3);
    while (count >= 16) {
        lane = fold(lane, k128, _mm_loadu_si128((const __m128i *)bytes));
        bytes += 16;
        count -= 16;
    }

    // 128 bits to 96: the low 64 bits times x^(128-32) mod P, added to the high 64.
    const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);
    __m128i product = _mm_clmulepi64_si128(lane, k128, 0x10);
    lane = _mm_xor_si128(_mm_srli_si128(lane, 8), product);
    // 96 bits to 64: the low 32 bits times x^64 mod P, added to the rest.
    const __m128i k64 = _mm_loadl_epi64((const __m128i *)foldBy64);
    __m128i rest = _mm_srli_si128(lane, 4);
    lane = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(lane, low32), k64, 0x00), rest);

    // Barrett: T1 = low 32 bits × μ, T2 = low 32 bits of T1 × P; the CRC is the second 32 bits of lane ⊕ T2.
    const __m128i kBarrett = _mm_load_si128((const __m128i *)barrett);
    __m128i t1 = _mm_clmulepi64_si128(_mm_and_si128(lane, low32), kBarrett, 0x10);
    __m128i t2 = _mm_clmulepi64_si128(_mm_and_si128(t1, low32), kBarrett, 0x00);
    return (uint32_t)_mm_extract_epi32(_mm_xor_si128(lane, t2), 1);
}

#else

int evidence_crc32_fold_is_available(void) { return 0; }

uint32_t evidence_crc32_fold(uint32_t crc, const uint8_t *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
