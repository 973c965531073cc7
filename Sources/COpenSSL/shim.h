#ifndef EVIDENCEKIT_COPENSSL_SHIM_H
#define EVIDENCEKIT_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>

/* Function-like macros are not imported into Swift: wrap the ones we need once, here. */
static inline void evidencekit_openssl_free(void *pointer) { OPENSSL_free(pointer); }

static inline long evidencekit_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

static inline int evidencekit_bio_flush(BIO *bio) { return BIO_flush(bio); }

#endif
