#include "ckernels.h"

#include "ck_private.h"

CK_CLONES void ck_tanh_f32(const float *restrict x, float *restrict y, long n, float scale, float shift) {
  for (long i = 0; i < n; i++) y[i] = ck_tanh1_f32(x[i], scale, shift);
}

CK_CLONES void ck_tanh_inplace_f32(float *y, long n, float scale, float shift) {
  for (long i = 0; i < n; i++) y[i] = ck_tanh1_f32(y[i], scale, shift);
}

#define CK_ADD_ROW_INPLACE(T, S)                                                               \
  CK_CLONES void ck_add_row_inplace_##S(T *restrict y, const T *restrict b, long rows, long cols) { \
    for (long i = 0; i < rows; i++) {                                                          \
      T *yr = y + i * cols;                                                                    \
      for (long j = 0; j < cols; j++) yr[j] = yr[j] + b[j];                                    \
    }                                                                                          \
  }
CK_ADD_ROW_INPLACE(float, f32)
CK_ADD_ROW_INPLACE(double, f64)

#define CK_ELEMENTWISE(T, S)                                                                   \
  CK_CLONES void ck_add_row_##S(const T *restrict x, const T *restrict b, T *restrict y,      \
                                long rows, long cols) {                                        \
    for (long i = 0; i < rows; i++) {                                                          \
      const T *xr = x + i * cols;                                                              \
      T *yr = y + i * cols;                                                                    \
      for (long j = 0; j < cols; j++) yr[j] = xr[j] + b[j];                                    \
    }                                                                                          \
  }                                                                                            \
  CK_CLONES void ck_add_scaled_##S(const T *restrict a, const T *restrict b, T *restrict y,   \
                                   long n, T s) {                                              \
    for (long i = 0; i < n; i++) y[i] = a[i] + s * b[i];                                       \
  }                                                                                            \
  CK_CLONES void ck_scaled_into_##S(const T *restrict gy, T *restrict g, long n, T s,         \
                                    int scaled, int accumulate) {                              \
    if (scaled) {                                                                              \
      if (accumulate) { for (long i = 0; i < n; i++) g[i] += s * gy[i]; }                      \
      else { for (long i = 0; i < n; i++) g[i] = s * gy[i]; }                                  \
    } else {                                                                                   \
      if (accumulate) { for (long i = 0; i < n; i++) g[i] += gy[i]; }                          \
      else { for (long i = 0; i < n; i++) g[i] = gy[i]; }                                      \
    }                                                                                          \
  }                                                                                            \
  CK_CLONES void ck_tanh_vjp_##S(const T *restrict y, const T *restrict gy, T *restrict g,    \
                                 long n, int accumulate) {                                     \
    if (accumulate) { for (long i = 0; i < n; i++) g[i] += (1 - y[i] * y[i]) * gy[i]; }        \
    else { for (long i = 0; i < n; i++) g[i] = (1 - y[i] * y[i]) * gy[i]; }                    \
  }                                                                                            \
  CK_CLONES void ck_mul_##S(const T *restrict a, const T *restrict b, T *restrict y, long n) { \
    for (long i = 0; i < n; i++) y[i] = a[i] * b[i];                                           \
  }                                                                                            \
  CK_CLONES void ck_mul_vjp_##S(const T *restrict o, const T *restrict gy, T *restrict g,     \
                                long n, int accumulate) {                                      \
    if (accumulate) { for (long i = 0; i < n; i++) g[i] += o[i] * gy[i]; }                     \
    else { for (long i = 0; i < n; i++) g[i] = o[i] * gy[i]; }                                 \
  }                                                                                            \
  CK_CLONES void ck_sigmoid_vjp_##S(const T *restrict y, const T *restrict gy, T *restrict g, \
                                    long n, int accumulate) {                                  \
    if (accumulate) { for (long i = 0; i < n; i++) g[i] += y[i] * (1 - y[i]) * gy[i]; }        \
    else { for (long i = 0; i < n; i++) g[i] = y[i] * (1 - y[i]) * gy[i]; }                    \
  }

CK_ELEMENTWISE(float, f32)
CK_ELEMENTWISE(double, f64)
