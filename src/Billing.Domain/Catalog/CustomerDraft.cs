namespace Billing.Domain.Catalog;

/// <summary>A customer as read; a null <see cref="Id"/> was missing or invalid.</summary>
internal sealed record CustomerDraft(string? Id, string? Name, string? Email);
