using Npgsql;

namespace ControlPlane.ImageStore.Data;

/// <summary>A parameterized SQL statement.</summary>
/// <param name="Text">SQL text with <c>@name</c> placeholders.</param>
/// <param name="Parameters">Values of the placeholders.</param>
public sealed record SqlQuery(string Text, IReadOnlyList<NpgsqlParameter> Parameters);
