// JS error classes for the native boundary; see errors.h.
#include "binding/errors.h"

#include "binding/module_registry.h"

namespace tandem {

namespace {

struct ErrorClasses {
  Napi::FunctionReference invalidState;
  Napi::FunctionReference domain;
};

// Per-environment (per worker thread) storage, freed by the environment's cleanup.
ErrorClasses* classesFor(Napi::Env env) {
  auto* c = env.GetInstanceData<ErrorClasses>();
  if (c == nullptr) {
    c = new ErrorClasses();
    env.SetInstanceData<ErrorClasses>(c);
  }
  return c;
}

Napi::Error construct(Napi::Env env, Napi::FunctionReference& ctor, const std::string& message) {
  if (ctor.IsEmpty()) return Napi::Error::New(env, message);
  Napi::Value v = ctor.New({Napi::String::New(env, message)});
  return Napi::Error(env, v);
}

// setErrorClasses({ InvalidStateError, TandemNativeError })
Napi::Value SetErrorClasses(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "setErrorClasses(classes): classes must be an object");
  Napi::Object o = info[0].As<Napi::Object>();
  Napi::Value is = o.Get("InvalidStateError");
  Napi::Value ne = o.Get("TandemNativeError");
  if (!is.IsFunction() || !ne.IsFunction()) throwType(env, "setErrorClasses: InvalidStateError and TandemNativeError must be classes");
  ErrorClasses* c = classesFor(env);
  c->invalidState = Napi::Persistent(is.As<Napi::Function>());
  c->domain = Napi::Persistent(ne.As<Napi::Function>());
  return env.Undefined();
}

void InitErrorExports(Napi::Env env, Napi::Object exports) {
  exports.Set("setErrorClasses", Napi::Function::New(env, SetErrorClasses, "setErrorClasses"));
}

}  // namespace

Napi::Error invalidStateError(Napi::Env env, const std::string& message) {
  return construct(env, classesFor(env)->invalidState, message);
}

Napi::Error domainError(Napi::Env env, const std::string& code, const std::string& message) {
  Napi::Error e = construct(env, classesFor(env)->domain, message);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

TANDEM_REGISTER_EXPORTS("errors", InitErrorExports);

}  // namespace tandem
