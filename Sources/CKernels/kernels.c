#include "ckernels.h"

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

// Swift's max(v, l) is (l >= v ? l : v) and min(m, h) is (h < m ? h : m): NaN passes through.
static inline float ck_clamp(float v, float c) {
  float m = (-c >= v) ? -c : v;
  return (c < m) ? c : m;
}

CK_CLONES void ck_tanh_f32(const float *restrict x, float *restrict y, long n, float scale, float shift) {
  const float c = 7.90531110763549805f;
  for (long i = 0; i < n; i++) {
    float v = ck_clamp(scale * x[i], c);
    float x2 = v * v;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * v;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    y[i] = shift + scale * (p / q);
  }
}

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
