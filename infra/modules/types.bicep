// Types shared by the templates.

@export()
@description('Resource tags: tag name to value.')
type Tags = {
  *: string
}
