namespace ControlPlane.ImageStore.Data;

/// <summary>One sort key of an image listing.</summary>
/// <param name="Key">Attribute name, one of <see cref="ImageListSqlBuilder.SortableKeys"/>.</param>
/// <param name="Descending">Sort direction.</param>
public sealed record ImageSortKey(string Key, bool Descending);
