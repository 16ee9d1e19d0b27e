using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Patching;

/// <summary>
/// Applies parsed PATCH operations to a copy of an image with Glance's semantics: core attributes
/// are replaced by add or replace and can never be removed (403); an extra property is created by
/// add (with the v2.0 media type, adding an existing one is 409), replace and remove need it to
/// exist (409 otherwise); read-only and reserved attributes are 403.
/// </summary>
public static class ImagePatchApplier
{
    /// <summary>The patched copy of <paramref name="image"/>; <paramref name="image"/> itself is untouched.</summary>
    public static Image Apply(Image image, IReadOnlyList<PatchOperation> operations, ImageCaller caller, bool draft4)
    {
        var patched = image.Clone();
        foreach (var operation in operations)
        {
            var name = operation.Attribute;
            ImageAttributeSetter.EnsureWritable(name);
            var isCore = ImageAttributeRules.Core.Contains(name);
            var exists = ImageAttributeSetter.Has(patched, name);
            switch (operation.Op)
            {
                case "add":
                    if (draft4 && exists && !isCore)
                    {
                        throw new ConflictException($"Property {name} already present.");
                    }
                    ImageAttributeSetter.Set(patched, name, operation.Value, caller);
                    break;
                case "replace":
                    if (!exists)
                    {
                        throw new ConflictException($"Property {name} does not exist.");
                    }
                    ImageAttributeSetter.Set(patched, name, operation.Value, caller);
                    break;
                case "remove":
                    if (isCore)
                    {
                        throw new ForbiddenException($"Property {name} may not be removed.");
                    }
                    if (!patched.Properties.Remove(name))
                    {
                        throw new ConflictException($"Property {name} does not exist.");
                    }
                    break;
                default:
                    throw new InvalidException($"Invalid operation: `{operation.Op}`.");
            }
        }
        return patched;
    }
}
