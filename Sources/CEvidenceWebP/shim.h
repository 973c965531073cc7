#ifndef EVIDENCEKIT_CWEBP_SHIM_H
#define EVIDENCEKIT_CWEBP_SHIM_H

#include <webp/decode.h>

#endif
