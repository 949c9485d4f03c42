// Export group "media": the pure DSP components of the media core, exposed for tests and tools
// (src/native/types/media.ts). Each function works on whole buffers and allocates only on the JS side.
#include <napi.h>

#include <string>

#include "binding/errors.h"
#include "binding/module_registry.h"
#include "media/codec.h"
#include "media/g711.h"
#include "media/media_binding_parts.h"

namespace tandem::media {
namespace {

g711::Law lawArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || !info[i].IsString()) throwType(info.Env(), "law must be 'alaw' or 'ulaw'");
  const std::string s = info[i].As<Napi::String>().Utf8Value();
  if (s == "alaw") return g711::Law::Alaw;
  if (s == "ulaw") return g711::Law::Ulaw;
  throwType(info.Env(), "law must be 'alaw' or 'ulaw'");
}

// g711Encode(law, Int16Array) -> Uint8Array
Napi::Value G711Encode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const g711::Law law = lawArg(info, 0);
  if (info.Length() < 2 || !info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array)
    throwType(env, "g711Encode(law, samples): samples must be an Int16Array");
  auto in = info[1].As<Napi::Int16Array>();
  auto out = Napi::Uint8Array::New(env, in.ElementLength());
  g711::encodeBlock(law, in.Data(), out.Data(), in.ElementLength());
  return out;
}

// g711Decode(law, Uint8Array) -> Int16Array
Napi::Value G711Decode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const g711::Law law = lawArg(info, 0);
  if (info.Length() < 2 || !info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throwType(env, "g711Decode(law, codes): codes must be a Uint8Array");
  auto in = info[1].As<Napi::Uint8Array>();
  auto out = Napi::Int16Array::New(env, in.ElementLength());
  g711::decodeBlock(law, in.Data(), out.Data(), in.ElementLength());
  return out;
}

// g711Convert(from, to, Uint8Array) -> Uint8Array (G.711 Tables 3/4)
Napi::Value G711Convert(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const g711::Law from = lawArg(info, 0);
  const g711::Law to = lawArg(info, 1);
  if (info.Length() < 3 || !info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throwType(env, "g711Convert(from, to, codes): codes must be a Uint8Array");
  auto in = info[2].As<Napi::Uint8Array>();
  auto out = Napi::Uint8Array::New(env, in.ElementLength());
  g711::convertBlock(from, to, in.Data(), out.Data(), in.ElementLength());
  return out;
}

// codecInfo(name) -> { encodingName, payloadType, clockRate, sampleRate, sampleBased } | null
Napi::Value GetCodecInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throwType(env, "codecInfo(name)");
  auto c = makeCodec(info[0].As<Napi::String>().Utf8Value());
  if (!c) return env.Null();
  const CodecInfo& i = c->info();
  Napi::Object o = Napi::Object::New(env);
  o.Set("encodingName", i.encodingName);
  o.Set("payloadType", i.staticPayloadType);
  o.Set("clockRate", i.clockRate);
  o.Set("sampleRate", i.sampleRate);
  o.Set("sampleBased", i.sampleBased);
  return o;
}

// codecRoundTrip(name, Int16Array) -> { payload: Uint8Array, decoded: Int16Array } through AudioCodec
Napi::Value CodecRoundTrip(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array)
    throwType(env, "codecRoundTrip(name, samples: Int16Array)");
  auto c = makeCodec(info[0].As<Napi::String>().Utf8Value());
  if (!c) throwDomain(env, "ECODEC", "unknown codec");
  auto in = info[1].As<Napi::Int16Array>();
  auto payload = Napi::Uint8Array::New(env, in.ElementLength());
  const size_t n = c->encode(in.Data(), in.ElementLength(), payload.Data(), payload.ElementLength());
  auto out = Napi::Int16Array::New(env, in.ElementLength());
  const size_t m = c->decode(payload.Data(), n, out.Data(), out.ElementLength());
  Napi::Object o = Napi::Object::New(env);
  o.Set("payload", payload);
  o.Set("decoded", out);
  o.Set("encodedOctets", Napi::Number::New(env, static_cast<double>(n)));
  o.Set("decodedSamples", Napi::Number::New(env, static_cast<double>(m)));
  return o;
}

void InitMediaExports(Napi::Env env, Napi::Object exports) {
  (void)g711::tables();  // build the tables at load time, never on the RT thread
  Napi::Object m = Napi::Object::New(env);
  m.Set("g711Encode", Napi::Function::New(env, G711Encode, "g711Encode"));
  m.Set("g711Decode", Napi::Function::New(env, G711Decode, "g711Decode"));
  m.Set("g711Convert", Napi::Function::New(env, G711Convert, "g711Convert"));
  m.Set("codecInfo", Napi::Function::New(env, GetCodecInfo, "codecInfo"));
  m.Set("codecRoundTrip", Napi::Function::New(env, CodecRoundTrip, "codecRoundTrip"));
  initMediaParts(env, m);
  exports.Set("media", m);
}

}  // namespace
}  // namespace tandem::media

TANDEM_REGISTER_EXPORTS("media", tandem::media::InitMediaExports);
