import { supabase } from './client';

function Controller(prefix: string) {
  return <T>(target: T) => target;
}
function Post(): MethodDecorator {
  return () => undefined;
}
function Body(): ParameterDecorator {
  return () => undefined;
}

@Controller('calls')
export default class {
  @Post()
  async close(@Body() body: { id: string }) {
    await supabase.from('calls').update({ open: false }).eq('id', body.id); // expect: tenant-filter
  }
}
