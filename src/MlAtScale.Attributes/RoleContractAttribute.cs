using System;

namespace MlAtScale;

/// <summary>
/// Marks a deliberate hand-off surface between roles (a clean data-set schema, a model artifact, an
/// inference interface, a re-training request): every role may use it without crossing a boundary.
/// </summary>
[AttributeUsage(MlRoleAttribute.Targets, AllowMultiple = false, Inherited = false)]
public sealed class RoleContractAttribute : Attribute
{
}
