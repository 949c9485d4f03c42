// media.dtmfDetect / dtmfGenerate / toneGenerate / rfc4733* : the DTMF and tone components for tests.
#include <napi.h>

#include <algorithm>
#include <string>
#include <vector>

#include "binding/errors.h"
#include "media/dtmf_detector.h"
#include "media/media_binding_parts.h"
#include "media/rfc4733.h"
#include "media/tone_generator.h"

namespace tandem::media {
namespace {

double numOpt(Napi::Object o, const char* key, double def) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return def;
  if (!v.IsNumber()) throwType(o.Env(), std::string(key) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

Napi::Int16Array int16Arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info.Length() <= i || !info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array)
    throwType(info.Env(), std::string(what) + " must be an Int16Array");
  return info[i].As<Napi::Int16Array>();
}

// dtmfDetect(samples, config?) -> [{ digit, begin, sample }]
Napi::Value DtmfDetect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto x = int16Arg(info, 0, "dtmfDetect(samples)");
  DtmfDetectorConfig c;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object o = info[1].As<Napi::Object>();
    c.minLevelDbm0 = static_cast<float>(numOpt(o, "minLevelDbm0", c.minLevelDbm0));
    c.maxNormalTwistDb = static_cast<float>(numOpt(o, "maxNormalTwistDb", c.maxNormalTwistDb));
    c.maxReverseTwistDb = static_cast<float>(numOpt(o, "maxReverseTwistDb", c.maxReverseTwistDb));
    c.groupDominanceDb = static_cast<float>(numOpt(o, "groupDominanceDb", c.groupDominanceDb));
    c.minPurity = static_cast<float>(numOpt(o, "minPurity", c.minPurity));
    c.freqTolerancePct = static_cast<float>(numOpt(o, "freqTolerancePct", c.freqTolerancePct));
  }
  DtmfDetector det(c);
  Napi::Array out = Napi::Array::New(env);
  uint32_t k = 0;
  const size_t chunk = 8;  // the live path feeds 8 samples per 1 ms tick
  for (size_t i = 0; i < x.ElementLength(); i += chunk) {
    const size_t n = std::min(chunk, x.ElementLength() - i);
    det.process(x.Data() + i, n);
    DtmfDetection d;
    while (det.poll(&d)) {
      Napi::Object e = Napi::Object::New(env);
      e.Set("digit", std::string(1, d.digit));
      e.Set("begin", d.begin);
      e.Set("sample", Napi::Number::New(env, static_cast<double>(d.sample)));
      out.Set(k++, e);
    }
  }
  return out;
}

// dtmfGenerate(digits, { onMs, offMs, lowDbm0, highDbm0 }) -> Int16Array
Napi::Value DtmfGenerate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throwType(env, "dtmfGenerate(digits, options)");
  const std::string digits = info[0].As<Napi::String>().Utf8Value();
  Napi::Object o = info.Length() > 1 && info[1].IsObject() ? info[1].As<Napi::Object>() : Napi::Object::New(env);
  const double onMs = numOpt(o, "onMs", 100), offMs = numOpt(o, "offMs", 100);
  const float low = static_cast<float>(numOpt(o, "lowDbm0", -8)), high = static_cast<float>(numOpt(o, "highDbm0", -6));
  if (onMs < 1 || onMs > 10000 || offMs < 0 || offMs > 10000) throwRange(env, "onMs 1..10000, offMs 0..10000");
  const size_t onN = static_cast<size_t>(onMs * 8), offN = static_cast<size_t>(offMs * 8);
  auto out = Napi::Int16Array::New(env, digits.size() * (onN + offN));
  int16_t* p = out.Data();
  ToneGenerator g;
  for (char d : digits) {
    ToneSpec s;
    if (!dtmfToneSpec(d, low, high, static_cast<uint32_t>(onMs), &s)) throwRange(env, std::string("not a DTMF digit: ") + d);
    g.start(s);
    g.generate(p, onN);
    p += onN;
    for (size_t i = 0; i < offN; ++i) *p++ = 0;
  }
  return out;
}

bool parseToneSpec(Napi::Object o, ToneSpec* s) {
  Napi::Value fv = o.Get("freqs"), cv = o.Get("cadenceMs");
  if (!fv.IsArray()) return false;
  Napi::Array fa = fv.As<Napi::Array>();
  if (fa.Length() < 1 || fa.Length() > ToneSpec::kMaxFreq) return false;
  s->nFreq = static_cast<int>(fa.Length());
  for (uint32_t i = 0; i < fa.Length(); ++i) {
    Napi::Value e = fa.Get(i);
    if (!e.IsObject()) return false;
    Napi::Value hz = e.As<Napi::Object>().Get("hz"), db = e.As<Napi::Object>().Get("dbm0");
    if (!hz.IsNumber() || !db.IsNumber()) return false;
    s->freqHz[i] = hz.As<Napi::Number>().FloatValue();
    s->levelDbm0[i] = db.As<Napi::Number>().FloatValue();
    if (s->freqHz[i] <= 0 || s->freqHz[i] >= 4000 || s->levelDbm0[i] > 3) return false;
  }
  s->nCadence = 0;
  if (cv.IsArray()) {
    Napi::Array ca = cv.As<Napi::Array>();
    if (ca.Length() > ToneSpec::kMaxCadence) return false;
    s->nCadence = static_cast<int>(ca.Length());
    for (uint32_t i = 0; i < ca.Length(); ++i) {
      Napi::Value e = ca.Get(i);
      if (!e.IsNumber() || e.As<Napi::Number>().DoubleValue() < 1) return false;
      s->cadenceMs[i] = e.As<Napi::Number>().Uint32Value();
    }
  }
  Napi::Value rv = o.Get("repeat");
  s->repeat = rv.IsUndefined() ? true : rv.ToBoolean().Value();
  return true;
}

// toneGenerate({ freqs: [{hz, dbm0}], cadenceMs?: number[], repeat? }, durationMs) -> Int16Array
Napi::Value ToneGenerate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ToneSpec s;
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsNumber() || !parseToneSpec(info[0].As<Napi::Object>(), &s))
    throwType(env, "toneGenerate(spec: {freqs:[{hz,dbm0}] (1-4), cadenceMs?: number[] (<= 8)}, durationMs)");
  const double ms = info[1].As<Napi::Number>().DoubleValue();
  if (ms < 0 || ms > 600000) throwRange(env, "durationMs 0..600000");
  auto out = Napi::Int16Array::New(env, static_cast<size_t>(ms * 8));
  ToneGenerator g;
  g.start(s);
  g.generate(out.Data(), out.ElementLength());
  return out;
}

Napi::Object eventObject(Napi::Env env, const TelephoneEvent& e) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("event", e.event);
  o.Set("end", e.end);
  o.Set("volume", e.volume);
  o.Set("duration", e.duration);
  return o;
}

// rfc4733Parse(payload) -> { event, end, volume, duration } | null
Napi::Value Rfc4733Parse(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray()) throwType(env, "rfc4733Parse(payload: Uint8Array)");
  auto a = info[0].As<Napi::Uint8Array>();
  TelephoneEvent e;
  if (!parseTelephoneEvent(a.Data(), a.ElementLength(), &e)) return env.Null();
  return eventObject(env, e);
}

// rfc4733Build({ event, end, volume, duration }) -> Uint8Array(4)
Napi::Value Rfc4733Build(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "rfc4733Build(event)");
  Napi::Object o = info[0].As<Napi::Object>();
  const double ev = numOpt(o, "event", -1), vol = numOpt(o, "volume", 10), dur = numOpt(o, "duration", 0);
  if (ev < 0 || ev > 255 || vol < 0 || vol > 63 || dur < 0 || dur > 65535) throwRange(env, "event 0..255, volume 0..63, duration 0..65535");
  TelephoneEvent e{static_cast<uint8_t>(ev), o.Get("end").ToBoolean().Value(), static_cast<uint8_t>(vol), static_cast<uint16_t>(dur)};
  auto out = Napi::Uint8Array::New(env, 4);
  buildTelephoneEvent(e, out.Data());
  return out;
}

// rfc4733SendEvent(event, volume, startTs, durationSamples, intervalSamples) -> [{ timestamp, marker, payload }]
// The packets a sender emits for one event: an update per interval, then the end three times.
Napi::Value Rfc4733SendEvent(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  for (size_t i = 0; i < 5; ++i)
    if (info.Length() <= i || !info[i].IsNumber()) throwType(env, "rfc4733SendEvent(event, volume, startTs, durationSamples, intervalSamples)");
  const uint32_t ev = info[0].As<Napi::Number>().Uint32Value(), vol = info[1].As<Napi::Number>().Uint32Value();
  const uint32_t ts = info[2].As<Napi::Number>().Uint32Value();
  const double dur = info[3].As<Napi::Number>().DoubleValue(), iv = info[4].As<Napi::Number>().DoubleValue();
  if (ev > 15 || vol > 63 || iv < 1 || dur < iv || dur > 8000 * 60) throwRange(env, "event 0..15, volume 0..63, interval >= 1, interval <= duration <= 60 s");
  TelephoneEventSender s;
  s.begin(static_cast<uint8_t>(ev), static_cast<uint8_t>(vol), ts);
  Napi::Array out = Napi::Array::New(env);
  uint32_t k = 0;
  uint32_t done = 0;
  const uint32_t total = static_cast<uint32_t>(dur), step = static_cast<uint32_t>(iv);
  while (s.active()) {
    const uint32_t adv = std::min(step, total - done);
    done += adv;
    if (done >= total) s.end();
    TelephoneEventPacket p[3];
    const int n = s.update(adv, p);
    for (int i = 0; i < n; ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("timestamp", Napi::Number::New(env, p[i].timestamp));
      o.Set("marker", p[i].marker);
      o.Set("payload", Napi::Buffer<uint8_t>::Copy(env, p[i].payload, 4));
      out.Set(k++, o);
    }
  }
  return out;
}

// rfc4733Receive(packets: [{ timestamp, marker, payload }], flush?) -> { reports: [...], stats }
Napi::Value Rfc4733Receive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) throwType(env, "rfc4733Receive(packets)");
  Napi::Array in = info[0].As<Napi::Array>();
  TelephoneEventReceiver r;
  Napi::Array reports = Napi::Array::New(env);
  uint32_t k = 0;
  auto emit = [&](const TelephoneEventReport& x) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("event", x.event);
    o.Set("begin", x.begin);
    o.Set("timestamp", Napi::Number::New(env, x.timestamp));
    o.Set("duration", x.duration);
    o.Set("volume", x.volume);
    reports.Set(k++, o);
  };
  for (uint32_t i = 0; i < in.Length(); ++i) {
    Napi::Value v = in.Get(i);
    if (!v.IsObject()) throwType(env, "rfc4733Receive: packets must be objects");
    Napi::Object p = v.As<Napi::Object>();
    Napi::Value pl = p.Get("payload");
    if (!pl.IsTypedArray()) throwType(env, "rfc4733Receive: payload must be a Uint8Array");
    auto a = pl.As<Napi::Uint8Array>();
    TelephoneEventReport rep[3];
    const int n = r.onPacket(static_cast<uint32_t>(numOpt(p, "timestamp", 0)), p.Get("marker").ToBoolean().Value(), a.Data(),
                             a.ElementLength(), rep);
    for (int j = 0; j < n; ++j) emit(rep[j]);
  }
  if (info.Length() > 1 && info[1].ToBoolean().Value()) {
    TelephoneEventReport rep[1];
    if (r.flush(rep)) emit(rep[0]);
  }
  Napi::Object st = Napi::Object::New(env);
  st.Set("packets", Napi::Number::New(env, static_cast<double>(r.stats().packets)));
  st.Set("duplicates", Napi::Number::New(env, static_cast<double>(r.stats().duplicates)));
  st.Set("malformed", Napi::Number::New(env, static_cast<double>(r.stats().malformed)));
  st.Set("stale", Napi::Number::New(env, static_cast<double>(r.stats().stale)));
  st.Set("endsLost", Napi::Number::New(env, static_cast<double>(r.stats().endsLost)));
  Napi::Object res = Napi::Object::New(env);
  res.Set("reports", reports);
  res.Set("stats", st);
  return res;
}

}  // namespace

void initDtmfBinding(Napi::Env env, Napi::Object media) {
  media.Set("dtmfDetect", Napi::Function::New(env, DtmfDetect, "dtmfDetect"));
  media.Set("dtmfGenerate", Napi::Function::New(env, DtmfGenerate, "dtmfGenerate"));
  media.Set("toneGenerate", Napi::Function::New(env, ToneGenerate, "toneGenerate"));
  media.Set("rfc4733Parse", Napi::Function::New(env, Rfc4733Parse, "rfc4733Parse"));
  media.Set("rfc4733Build", Napi::Function::New(env, Rfc4733Build, "rfc4733Build"));
  media.Set("rfc4733SendEvent", Napi::Function::New(env, Rfc4733SendEvent, "rfc4733SendEvent"));
  media.Set("rfc4733Receive", Napi::Function::New(env, Rfc4733Receive, "rfc4733Receive"));
}

}  // namespace tandem::media
