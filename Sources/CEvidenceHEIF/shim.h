#ifndef EVIDENCEKIT_CHEIF_SHIM_H
#define EVIDENCEKIT_CHEIF_SHIM_H

#include <libheif/heif.h>

#endif
