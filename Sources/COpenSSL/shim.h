#ifndef EVIDENCEKIT_COPENSSL_SHIM_H
#define EVIDENCEKIT_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/ts.h>
#include <openssl/rand.h>

/* Function-like macros are not imported into Swift: wrap the ones we need once, here. */
static inline void evidencekit_openssl_free(void *pointer) { OPENSSL_free(pointer); }

static inline long evidencekit_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

static inline int evidencekit_bio_flush(BIO *bio) { return BIO_flush(bio); }

/* STACK_OF(X509) is used through macros only. */
static inline int evidencekit_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }

static inline X509 *evidencekit_sk_X509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }

/* Frees the stack only: PKCS7_get0_signers' certificates belong to the token. */
static inline void evidencekit_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }

/* XN_FLAG_RFC2253 is an expression macro Swift does not import. */
static inline unsigned long evidencekit_xn_flag_rfc2253(void) { return XN_FLAG_RFC2253; }

#endif
