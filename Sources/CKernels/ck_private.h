// Shared by the CKernels sources (not part of the module's public header).
#ifndef ODERNN_CK_PRIVATE_H
#define ODERNN_CK_PRIVATE_H

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

/// shift + scale·tanh(scale·x) by `Elementwise.fastTanh`'s rational approximation.
static inline float ck_tanh1_f32(float x, float scale, float shift) {
  const float c = 7.90531110763549805f;
  float v = ck_clamp(scale * x, c);
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
  return shift + scale * (p / q);
}

#endif
